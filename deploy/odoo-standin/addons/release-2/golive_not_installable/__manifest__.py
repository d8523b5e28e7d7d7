# -*- coding: utf-8 -*-
# golive stand-in manifest (only the keys a deployment pipeline reads)
{
    'name': 'Golive Not Installable',
    'version': '18.0.1.0.0',
    'category': 'Hidden',
    'depends': ['base'],
    'license': 'LGPL-3',
    'author': 'golive',
    'auto_install': False,
    'installable': False,
}
